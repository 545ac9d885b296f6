package com.example.credit.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awscdk.assertions.Template;

/**
 * The IAM statements of a template (roles' inline policies as AWS::IAM::Policy, and AWS::IAM::ManagedPolicy),
 * flattened for assertions.
 */
final class PolicyStatements {

    /**
     * One Allow or Deny statement.
     *
     * @param policy logical id of the policy resource
     * @param sid the statement id, empty when unset
     * @param actions the actions, always as a list
     * @param resources each resource rendered as text (CloudFormation functions as Java maps)
     * @param condition the condition block, or null
     * @param effect Allow or Deny
     */
    record Statement(
            String policy, String sid, List<String> actions, List<String> resources, Object condition, String effect) {

        Statement {
            actions = List.copyOf(actions);
            resources = List.copyOf(resources);
        }

        boolean hasActionWithPrefix(String prefix) {
            return actions.stream().anyMatch(action -> action.startsWith(prefix));
        }
    }

    private PolicyStatements() {}

    @SuppressWarnings("unchecked")
    static List<Statement> of(Template template) {
        List<Statement> statements = new ArrayList<>();
        Map<String, Map<String, Object>> policies = new TreeMap<>(template.findResources("AWS::IAM::Policy"));
        policies.putAll(template.findResources("AWS::IAM::ManagedPolicy"));
        policies.forEach((id, resource) -> {
            Map<String, Object> properties = (Map<String, Object>) resource.get("Properties");
            Map<String, Object> document = (Map<String, Object>) properties.get("PolicyDocument");
            for (Object raw : (List<Object>) document.get("Statement")) {
                Map<String, Object> statement = (Map<String, Object>) raw;
                statements.add(new Statement(
                        id,
                        String.valueOf(statement.getOrDefault("Sid", "")),
                        list(statement.get("Action")).stream()
                                .map(String::valueOf)
                                .toList(),
                        list(statement.get("Resource")).stream()
                                .map(String::valueOf)
                                .toList(),
                        statement.get("Condition"),
                        String.valueOf(statement.get("Effect"))));
            }
        });
        return statements;
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> values ? values : List.of(value);
    }
}
