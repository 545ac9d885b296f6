package com.example.credit.infra;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.github.cdklabs.cdknag.RegexAppliesTo;
import java.util.Arrays;
import java.util.List;
import software.constructs.IConstruct;

/**
 * Writes cdk-nag suppressions: always one rule, always a reason, and for IAM findings always the exact findings
 * ({@code appliesTo}) so that a new, unreviewed wildcard still fails the checks.
 */
public final class Nag {

    private Nag() {}

    /**
     * The cdk-nag finding for objects below the given prefixes of the data bucket, as a regular expression that
     * matches both forms: in the data stack {@code Resource::<DataBucketE3889A50.Arn>/raw/*}, in the stacks that
     * import the bucket {@code Resource::CreditData:ExportsOutputFnGetAttDataBucketE3889A50Arn98F8399F/raw/*}.
     */
    public static String dataBucketObjects(String... prefixes) {
        String alternatives = String.join(
                "|",
                Arrays.stream(prefixes)
                        .map(prefix -> prefix.replace("/", "\\/"))
                        .toList());
        return "/^Resource::(<DataBucket[0-9A-F]+\\.Arn>|[A-Za-z0-9-]+:ExportsOutputFnGetAttDataBucket[0-9A-F]+Arn[0-9A-F]+)"
                + "\\/(" + alternatives + ")\\/\\*$/";
    }

    /** Suppresses every finding of {@code rule} on {@code construct} and its children. */
    public static void suppress(IConstruct construct, String rule, String reason) {
        NagSuppressions.addResourceSuppressions(
                construct,
                List.of(NagPackSuppression.builder().id(rule).reason(reason).build()),
                true);
    }

    /**
     * Suppresses only the listed findings of {@code rule}; each entry is a finding such as
     * {@code Resource::*} or, when it starts with a slash, a regular expression in cdk-nag's {@code /.../} form.
     */
    public static void suppressFindings(IConstruct construct, String rule, String reason, String... findings) {
        List<Object> appliesTo = Arrays.stream(findings)
                .<Object>map(finding -> finding.startsWith("/")
                        ? RegexAppliesTo.builder().regex(finding).build()
                        : finding)
                .toList();
        NagSuppressions.addResourceSuppressions(
                construct,
                List.of(NagPackSuppression.builder()
                        .id(rule)
                        .reason(reason)
                        .appliesTo(appliesTo)
                        .build()),
                true);
    }
}
