package com.example.credit.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.credit.infra.PolicyStatements.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

/** Least privilege across all stacks: what every IAM statement of the app may name. */
class IamScopeTests {

    /** Actions AWS offers no resource-level permission for, so "*" is the only possible resource. */
    private static final Set<String> RESOURCELESS_ACTIONS =
            Set.of("ecr:GetAuthorizationToken", "cloudwatch:PutMetricData");

    /** Every statement of the app with all features on (endpoint, data capture, alarm mail) and the operator. */
    private static List<Statement> statements() {
        List<Statement> statements = new ArrayList<>();
        for (Template template : SynthesizedApp.withEndpoint().templates()) {
            statements.addAll(PolicyStatements.of(template));
        }
        return statements;
    }

    /** The data bucket's key layout as a regular expression: {@code /(raw|prepared|...|datacapture)/\*}. */
    private static String knownPrefixObjects() {
        return Stream.of(DataPrefix.values()).map(DataPrefix::key).collect(Collectors.joining("|", "/(", ")/\\*"));
    }

    @Test
    void s3StatementsNameOnlyTheDataBucketOrTheUploadedJobCode() {
        assertThat(statements())
                .filteredOn(statement -> statement.hasActionWithPrefix("s3:"))
                .isNotEmpty()
                .allSatisfy(statement -> assertThat(statement.resources()).allSatisfy(resource -> assertThat(resource)
                        .satisfiesAnyOf(
                                text -> assertThat(text).contains("DataBucket"),
                                text -> assertThat(statement.sid()).isEqualTo("ReadJobCode"))));
    }

    @Test
    void objectGrantsAreScopedToAPrefixOfTheDataBucket() {
        assertThat(statements())
                .filteredOn(statement -> statement.hasActionWithPrefix("s3:")
                        && statement.actions().stream().anyMatch(action -> action.contains("Object")))
                .filteredOn(statement -> !statement.sid().equals("ReadJobCode"))
                .allSatisfy(statement -> assertThat(statement.resources())
                        .allSatisfy(resource -> assertThat(resource).containsPattern(knownPrefixObjects())));
    }

    @Test
    void knownPrefixesAreTheDocumentedLayoutIncludingRunsAndDataCapture() {
        assertThat(knownPrefixObjects())
                .isEqualTo("/(raw|prepared|models|batch/input|batch/output|temp|runs|datacapture)/\\*");
    }

    @Test
    void listGrantsAreConditionedOnTheirPrefixesExceptTheGlueJobs() {
        // The Glue role's list is unconditioned on purpose (infra/README.md: s3a probes keys with HEAD).
        assertThat(statements())
                .filteredOn(statement -> statement.actions().contains("s3:ListBucket"))
                .filteredOn(statement -> !statement.sid().equals("ListDataBucket"))
                .hasSizeGreaterThanOrEqualTo(3)
                .allSatisfy(statement -> assertThat(String.valueOf(statement.condition()))
                        .as(statement.sid())
                        .startsWith("{StringLike={s3:prefix=["));
    }

    @Test
    void everyStatementAllows() {
        assertThat(statements()).extracting(Statement::effect).containsOnly("Allow");
    }

    @Test
    void jobCodeGrantNamesTheTwoUploadedObjectsWithoutWildcards() {
        assertThat(statements())
                .filteredOn(statement -> statement.sid().equals("ReadJobCode"))
                .singleElement()
                .satisfies(statement -> {
                    assertThat(statement.actions()).containsExactly("s3:GetObject");
                    assertThat(statement.resources()).hasSize(2).allSatisfy(resource -> assertThat(resource)
                            .contains("cdk-hnb659fds-assets")
                            .doesNotContain("*"));
                });
    }

    @Test
    void ecrPullsNameOnlyTheTwoRepositoriesOfTheApp() {
        assertThat(statements())
                .filteredOn(statement -> statement.hasActionWithPrefix("ecr:Batch"))
                .singleElement()
                .satisfies(statement -> assertThat(statement.resources())
                        .hasSize(2)
                        .anySatisfy(resource -> assertThat(resource).contains("TrainingRepository"))
                        .anySatisfy(resource -> assertThat(resource).contains("ExplainerRepository")));
    }

    @Test
    void wildcardResourceOnlyForActionsWithoutResourceLevelPermissions() {
        assertThat(statements())
                .filteredOn(statement -> statement.resources().contains("*"))
                .isNotEmpty()
                .allSatisfy(statement -> {
                    assertThat(statement.actions()).isSubsetOf(RESOURCELESS_ACTIONS);
                    if (statement.actions().contains("cloudwatch:PutMetricData")) {
                        assertThat(String.valueOf(statement.condition())).contains("cloudwatch:namespace");
                    }
                });
    }

    @Test
    void noActionIsAWildcard() {
        assertThat(statements()).flatMap(Statement::actions).isNotEmpty().allSatisfy(action -> assertThat(action)
                .doesNotContain("*"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void rolesUseNoManagedPolicies() {
        for (Template template : SynthesizedApp.withEndpoint().templates()) {
            template.findResources("AWS::IAM::Role").forEach((id, role) -> {
                Map<String, Object> properties = (Map<String, Object>) role.get("Properties");
                assertThat(properties).as(id).doesNotContainKey("ManagedPolicyArns");
            });
        }
    }
}
