package com.example.credit.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class EndpointMonitoringTests {

    private static final Object ENDPOINT_DIMENSIONS = List.of(
            Map.of("Name", "EndpointName", "Value", Map.of("Fn::GetAtt", List.of("ExplainerEndpoint", "EndpointName"))),
            Map.of("Name", "VariantName", "Value", "AllTraffic"));

    private static Template full() {
        return SynthesizedApp.withEndpoint().model();
    }

    private static Template fixed() {
        return SynthesizedApp.withFixedFleetEndpoint().model();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> properties(Map<String, Object> resource) {
        return (Map<String, Object>) resource.get("Properties");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> alarm(Template template, String logicalIdPrefix) {
        return template.findResources("AWS::CloudWatch::Alarm").entrySet().stream()
                .filter(entry -> entry.getKey().startsWith(logicalIdPrefix))
                .map(entry -> (Map<String, Object>) entry.getValue().get("Properties"))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void fourAlarmsWatchTheEndpointOverTwoFiveMinutePeriods() {
        full().resourceCountIs("AWS::CloudWatch::Alarm", 4);
        assertThat(full().findResources("AWS::CloudWatch::Alarm"))
                .allSatisfy((id, alarm) -> assertThat(properties(alarm))
                        .containsEntry("EvaluationPeriods", 2)
                        .containsEntry("DatapointsToAlarm", 2)
                        .containsEntry("ComparisonOperator", "GreaterThanThreshold"));
    }

    @Test
    void errorRateAlarmsDivideErrorsByInvocationsAndTreatQuietPeriodsAsHealthy() {
        for (String errorClass : List.of("4xx", "5xx")) {
            Map<String, Object> alarm = alarm(full(), "MonitoringError" + errorClass + "Rate");
            assertThat(alarm).containsEntry("TreatMissingData", "notBreaching");
            assertThat(String.valueOf(alarm.get("Metrics")))
                    .contains("Expression=100 * FILL(errors" + errorClass + ", 0) / invocations" + errorClass)
                    .contains("MetricName=Invocation" + errorClass.toUpperCase() + "Errors, Namespace=AWS/SageMaker")
                    .contains("MetricName=Invocations, Namespace=AWS/SageMaker")
                    .contains("Period=300, Stat=Sum");
        }
        assertThat(alarm(full(), "MonitoringError4xxRate")).containsEntry("Threshold", 5);
        assertThat(alarm(full(), "MonitoringError5xxRate")).containsEntry("Threshold", 1);
        assertThat(alarm(fixed(), "MonitoringError4xxRate")).containsEntry("Threshold", 10);
        assertThat(alarm(fixed(), "MonitoringError5xxRate")).containsEntry("Threshold", 2.5);
    }

    @Test
    void errorRateAlarmsDimensionByEndpointAndVariant() {
        assertThat(String.valueOf(alarm(full(), "MonitoringError5xxRate").get("Metrics")))
                .contains("Dimensions=[{Name=EndpointName, Value={Fn::GetAtt=[ExplainerEndpoint, EndpointName]}},"
                        + " {Name=VariantName, Value=AllTraffic}]");
    }

    @Test
    void latencyAlarmComparesTheP99OfModelLatencyInMicroseconds() {
        Map<String, Object> latency = alarm(fixed(), "MonitoringModelLatencyP99");
        assertThat(latency)
                .containsEntry("Namespace", "AWS/SageMaker")
                .containsEntry("MetricName", "ModelLatency")
                .containsEntry("ExtendedStatistic", "p99")
                .containsEntry("Dimensions", ENDPOINT_DIMENSIONS)
                // alarmModelLatencyP99Millis=150
                .containsEntry("Threshold", 150_000)
                .containsEntry("TreatMissingData", "notBreaching");
        assertThat(alarm(full(), "MonitoringModelLatencyP99")).containsEntry("Threshold", 200_000);
    }

    @Test
    void cpuAlarmScalesThePercentageByTheVcpusOfTheInstanceType() {
        Map<String, Object> cpu = alarm(full(), "MonitoringCpuUtilization");
        assertThat(cpu)
                .containsEntry("Namespace", "/aws/sagemaker/Endpoints")
                .containsEntry("MetricName", "CPUUtilization")
                .containsEntry("Statistic", "Average")
                .containsEntry("Dimensions", ENDPOINT_DIMENSIONS)
                // 80 % of the 4 vCPUs of ml.c5.xlarge on CloudWatch's summed scale
                .containsEntry("Threshold", 320)
                .containsEntry("TreatMissingData", "missing");
        // 70 % of the 2 vCPUs of ml.m5.large
        assertThat(alarm(fixed(), "MonitoringCpuUtilization")).containsEntry("Threshold", 140);
    }

    @Test
    void dashboardShowsInvocationsErrorRatesLatencyCpuAndInstanceCount() {
        full().resourceCountIs("AWS::CloudWatch::Dashboard", 1);
        String body = String.valueOf(full().findResources("AWS::CloudWatch::Dashboard")
                .values()
                .iterator()
                .next()
                .get("Properties"));
        assertThat(body)
                .contains("\"AWS/SageMaker\",\"Invocations\"")
                .contains("InvocationsPerInstance")
                .contains("100 * FILL(errors4xx, 0) / invocations4xx")
                .contains("100 * FILL(errors5xx, 0) / invocations5xx")
                .contains("latencyp50 / 1000")
                .contains("latencyp99 / 1000")
                .contains("\"stat\":\"Maximum\"")
                .contains("\"stat\":\"SampleCount\"")
                .contains("\"value\":9000,\"label\":\"scaling target per instance\"")
                .contains("\"type\":\"alarm\"");
    }

    @Test
    void fixedFleetDashboardDrawsNoScalingTarget() {
        String body = String.valueOf(fixed().findResources("AWS::CloudWatch::Dashboard")
                .values()
                .iterator()
                .next()
                .get("Properties"));
        assertThat(body).doesNotContain("scaling target").contains("CPUUtilization");
    }

    @Test
    void alarmEmailCreatesAnEncryptedTlsOnlyTopicThatTheAlarmsNotifyOfTroubleAndRecovery() {
        full().resourceCountIs("AWS::SNS::Topic", 1);
        full().hasResourceProperties(
                        "AWS::SNS::Topic",
                        Map.of(
                                "KmsMasterKeyId",
                                Map.of(
                                        "Fn::GetAtt",
                                        List.of(Match.stringLikeRegexp("^MonitoringAlarmTopicKey.*"), "Arn"))));
        full().hasResourceProperties("AWS::KMS::Key", Map.of("EnableKeyRotation", true));
        full().hasResourceProperties(
                        "AWS::SNS::Subscription", Map.of("Protocol", "email", "Endpoint", "ops@example.com"));
        assertThat(full().findResources("AWS::CloudWatch::Alarm")).hasSize(4).allSatisfy((id, alarm) -> {
            Map<?, ?> properties = (Map<?, ?>) alarm.get("Properties");
            assertThat(String.valueOf(properties.get("AlarmActions"))).contains("MonitoringAlarmTopic");
            assertThat(String.valueOf(properties.get("OKActions"))).contains("MonitoringAlarmTopic");
        });
    }

    @Test
    void onlyThisAccountsAlarmsMayPublishAndUseTheTopicKey() {
        String topicPolicy = String.valueOf(full().findResources("AWS::SNS::TopicPolicy")
                .values()
                .iterator()
                .next()
                .get("Properties"));
        assertThat(topicPolicy)
                .contains("Principal={Service=cloudwatch.amazonaws.com}")
                .contains("aws:SourceArn")
                .contains(":alarm:*")
                .contains("aws:SourceAccount")
                .contains("aws:SecureTransport=false");
        String keyPolicy = String.valueOf(
                full().findResources("AWS::KMS::Key").values().iterator().next().get("Properties"));
        assertThat(keyPolicy)
                .contains("Action=[kms:Decrypt, kms:GenerateDataKey*]")
                .contains("cloudwatch.amazonaws.com");
    }

    @Test
    void withoutAlarmEmailThereIsNoTopicAndNoAlarmAction() {
        fixed().resourceCountIs("AWS::SNS::Topic", 0);
        fixed().resourceCountIs("AWS::KMS::Key", 0);
        assertThat(fixed().findResources("AWS::CloudWatch::Alarm")).hasSize(4).allSatisfy((id, alarm) -> assertThat(
                        properties(alarm))
                .doesNotContainKeys("AlarmActions", "OKActions"));
        assertThat(fixed().findOutputs("*")).doesNotContainKey("AlarmTopicArn");
    }

    @Test
    void outputsNameTheDashboardItsUrlAndTheAlarms() {
        assertThat(full().findOutputs("*"))
                .containsKeys(
                        "DashboardName",
                        "DashboardUrl",
                        "Alarm4xxRateName",
                        "Alarm5xxRateName",
                        "AlarmModelLatencyName",
                        "AlarmCpuName",
                        "AlarmTopicArn");
        assertThat(String.valueOf(full().findOutputs("DashboardUrl")))
                .contains("https://console.aws.amazon.com/cloudwatch/home?region=")
                .contains("#dashboards:name=")
                .contains("MonitoringDashboard");
    }
}
