package com.example.credit.pipeline.aws;

import java.net.UnknownHostException;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Turns the SDK's exceptions into messages an operator can act on: which call failed, and for the usual causes what
 * to do (no credentials, an unknown region, AccessDenied naming the principal, action and resource, a quota naming
 * itself, throttling that outlasted the retries).
 */
public final class AwsFailures {

    /** The operator policy the CDK app creates for this command. */
    static final String OPERATOR_POLICY_HINT =
            "attach the operator policy to your role or user (output OperatorPolicyArn of the stack CreditOperator,"
                    + " docs/deploy.md section 5)";

    private static final Set<String> ACCESS_DENIED =
            Set.of("AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "AuthorizationError", "Forbidden");
    private static final Set<String> BAD_CREDENTIALS = Set.of(
            "UnrecognizedClientException",
            "InvalidClientTokenId",
            "InvalidAccessKeyId",
            "ExpiredToken",
            "ExpiredTokenException",
            "SignatureDoesNotMatch",
            "InvalidSignatureException");
    private static final Set<String> THROTTLED =
            Set.of("ThrottlingException", "Throttling", "TooManyRequestsException", "RequestLimitExceeded", "SlowDown");

    /** AWS's AccessDenied text: "User: arn:... is not authorized to perform: service:Action on resource: arn:...". */
    private static final Pattern NOT_AUTHORIZED =
            Pattern.compile("(?:User: (\\S+) )?is not authorized to perform: (\\S+)(?: on resource: (\\S+))?");

    /** SageMaker's quota text: "The account-level service limit 'ml.m5.large for training job usage' is 0 ...". */
    private static final Pattern QUOTA = Pattern.compile("limit '([^']+)'");

    private AwsFailures() {}

    /**
     * The exception to throw for a failed call.
     *
     * @param what the call in words, e.g. {@code starting training job credit-train-x (SageMaker CreateTrainingJob)}
     */
    public static AwsStageException explain(String what, SdkException e) {
        if (e instanceof AwsServiceException service && service.awsErrorDetails() != null) {
            String code = service.awsErrorDetails().errorCode();
            String message = service.awsErrorDetails().errorMessage();
            if (ACCESS_DENIED.contains(code)) {
                return new AwsStageException(
                        what + " was denied: " + accessDenied(message) + "; " + OPERATOR_POLICY_HINT, e);
            }
            if (BAD_CREDENTIALS.contains(code)) {
                return new AwsStageException(
                        what + " failed: the AWS credentials were refused (" + code + ": " + message
                                + "); refresh them (aws sso login, or new keys) and check the account",
                        e);
            }
            if ("ResourceLimitExceeded".equals(code)) {
                Matcher quota = QUOTA.matcher(message == null ? "" : message);
                return new AwsStageException(
                        what + " failed: an account quota is reached"
                                + (quota.find() ? ": '" + quota.group(1) + "'" : "") + " (" + message
                                + "); request an increase in the Service Quotas console, or pass a smaller"
                                + " --instance-type",
                        e);
            }
            if (THROTTLED.contains(code)) {
                return new AwsStageException(
                        what + " was still throttled after " + AwsClients.MAX_ATTEMPTS
                                + " attempts with back-off (" + code + "): another client is calling the same API"
                                + " heavily; try again later",
                        e);
            }
            return new AwsStageException(what + " failed: " + code + ": " + message, e);
        }
        if (e instanceof SdkClientException) {
            String message = String.valueOf(e.getMessage());
            if (message.contains("Unable to load credentials") || message.contains("credential")) {
                return new AwsStageException(
                        what + " failed: no AWS credentials found; set AWS_PROFILE (after aws"
                                + " configure or aws sso login) or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY",
                        e);
            }
            if (causedBy(e, UnknownHostException.class)) {
                return new AwsStageException(
                        what + " failed: cannot resolve the service's host (" + message
                                + "); check --region and the network",
                        e);
            }
        }
        return new AwsStageException(what + " failed: " + e.getMessage(), e);
    }

    private static String accessDenied(String message) {
        Matcher denied = NOT_AUTHORIZED.matcher(message == null ? "" : message);
        if (!denied.find()) {
            return String.valueOf(message);
        }
        return (denied.group(1) == null ? "the caller" : denied.group(1)) + " may not call " + denied.group(2)
                + (denied.group(3) == null ? "" : " on " + denied.group(3));
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }
}
