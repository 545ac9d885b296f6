package com.example.credit.infra.model;

import com.example.credit.infra.AlarmSettings;
import com.example.credit.infra.AppSettings;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.AlarmStatusWidget;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.HorizontalAnnotation;
import software.amazon.awscdk.services.cloudwatch.IAlarm;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.constructs.Construct;

/**
 * What an operator watches on the endpoint: four alarms (4xx and 5xx rates, p99 model latency, CPU), a dashboard of
 * the same metrics with the instance count, and, with an e-mail address, an encrypted SNS topic they notify.
 *
 * <p>Invocation metrics ({@code AWS/SageMaker}) exist only while requests arrive, so the alarms on them treat
 * missing data as not breaching: no traffic is no error. The CPU alarm treats it as missing (the alarm shows
 * INSUFFICIENT_DATA), since instances report CPU every minute whether or not they serve.
 */
public final class EndpointMonitoring extends Construct {

    static final String INVOCATION_NAMESPACE = "AWS/SageMaker";
    static final String INSTANCE_NAMESPACE = "/aws/sagemaker/Endpoints";

    /** Alarms judge 5-minute sums (enough requests per datapoint for a rate) and fire on two in a row. */
    private static final Duration ALARM_PERIOD = Duration.minutes(5);

    private static final int ALARM_PERIODS = 2;

    /** The dashboard shows minutes: SageMaker publishes these metrics every minute. */
    private static final Duration GRAPH_PERIOD = Duration.minutes(1);

    private final String endpointName;
    private final Alarm error4xxRate;
    private final Alarm error5xxRate;
    private final Alarm modelLatency;
    private final Alarm cpu;
    private final Dashboard dashboard;
    private final Topic topic;

    public EndpointMonitoring(Construct scope, String id, String endpointName, AppSettings settings) {
        super(scope, id);
        this.endpointName = endpointName;
        AlarmSettings thresholds = settings.alarms();
        double cpuThreshold = thresholds.cpuUtilizationThreshold(settings.endpointVcpus());

        this.error4xxRate = alarm(
                "Error4xxRate",
                errorRate("4xx", ALARM_PERIOD),
                thresholds.error4xxRatePercent(),
                TreatMissingData.NOT_BREACHING,
                "More than " + text(thresholds.error4xxRatePercent())
                        + " % of the explainer endpoint's invocations were"
                        + " answered 4xx (bad requests) in two 5-minute periods in a row");
        this.error5xxRate = alarm(
                "Error5xxRate",
                errorRate("5xx", ALARM_PERIOD),
                thresholds.error5xxRatePercent(),
                TreatMissingData.NOT_BREACHING,
                "More than " + text(thresholds.error5xxRatePercent()) + " % of the explainer endpoint's invocations"
                        + " failed with 5xx in two 5-minute periods in a row");
        this.modelLatency = alarm(
                "ModelLatencyP99",
                invocationMetric("ModelLatency", "p99", ALARM_PERIOD),
                thresholds.modelLatencyP99Micros(),
                TreatMissingData.NOT_BREACHING,
                "p99 ModelLatency of the explainer endpoint above " + text(thresholds.modelLatencyP99Millis())
                        + " ms (CloudWatch: " + text(thresholds.modelLatencyP99Micros())
                        + " microseconds) in two 5-minute"
                        + " periods in a row");
        this.cpu = alarm(
                "CpuUtilization",
                instanceMetric("CPUUtilization", "Average", ALARM_PERIOD),
                cpuThreshold,
                TreatMissingData.MISSING,
                "Average CPUUtilization of the explainer endpoint's instances above " + text(cpuThreshold) + " % ("
                        + text(thresholds.cpuUtilizationPercent()) + " % of " + settings.endpointVcpus() + " vCPUs of "
                        + settings.endpointInstanceType() + ") in two 5-minute periods in a row");
        this.topic = thresholds.notifies() ? notify(thresholds.email()) : null;
        this.dashboard = dashboard(settings, cpuThreshold);
    }

    /** The four alarms: 4xx rate, 5xx rate, p99 model latency, CPU. */
    public List<Alarm> alarms() {
        return List.of(error4xxRate, error5xxRate, modelLatency, cpu);
    }

    public Alarm error4xxRate() {
        return error4xxRate;
    }

    public Alarm error5xxRate() {
        return error5xxRate;
    }

    public Alarm modelLatency() {
        return modelLatency;
    }

    public Alarm cpu() {
        return cpu;
    }

    public Dashboard dashboard() {
        return dashboard;
    }

    /** The alarm topic, or null without {@code alarmEmail}. */
    public Topic topic() {
        return topic;
    }

    private Alarm alarm(String id, IMetric metric, double threshold, TreatMissingData missing, String description) {
        return Alarm.Builder.create(this, id)
                .alarmDescription(description)
                .metric(metric)
                .threshold(threshold)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                .evaluationPeriods(ALARM_PERIODS)
                .datapointsToAlarm(ALARM_PERIODS)
                .treatMissingData(missing)
                .build();
    }

    private Metric invocationMetric(String name, String statistic, Duration period) {
        return metric(INVOCATION_NAMESPACE, name, statistic, period);
    }

    private Metric instanceMetric(String name, String statistic, Duration period) {
        return metric(INSTANCE_NAMESPACE, name, statistic, period);
    }

    private Metric metric(String namespace, String name, String statistic, Duration period) {
        return Metric.Builder.create()
                .namespace(namespace)
                .metricName(name)
                .dimensionsMap(Map.of("EndpointName", endpointName, "VariantName", ModelStack.VARIANT))
                .statistic(statistic)
                .period(period)
                .build();
    }

    /**
     * Errors as a percentage of invocations. A period without an error metric but with invocations counts as 0 %;
     * a period without invocations yields no datapoint.
     */
    private MathExpression errorRate(String errorClass, Duration period) {
        // Ids unique per class: a graph shows both rates, and CloudWatch ids are per graph.
        String errors = "errors" + errorClass;
        String invocations = "invocations" + errorClass;
        return MathExpression.Builder.create()
                .expression("100 * FILL(" + errors + ", 0) / " + invocations)
                .usingMetrics(Map.of(
                        errors,
                                invocationMetric(
                                        "Invocation" + errorClass.toUpperCase(Locale.ROOT) + "Errors", "Sum", period),
                        invocations, invocationMetric("Invocations", "Sum", period)))
                .label(errorClass + " rate (%)")
                .period(period)
                .build();
    }

    /** ModelLatency is in microseconds; the dashboard shows milliseconds. */
    private MathExpression latencyMillis(String statistic) {
        String id = "latency" + statistic;
        return MathExpression.Builder.create()
                .expression(id + " / 1000")
                .usingMetrics(Map.of(id, invocationMetric("ModelLatency", statistic, GRAPH_PERIOD)))
                .label("ModelLatency " + statistic + " (ms)")
                .period(GRAPH_PERIOD)
                .build();
    }

    /**
     * An SNS topic encrypted with a key of this stack (CloudWatch cannot publish to a topic under the AWS-managed
     * SNS key), TLS-only, that only this account's alarms may publish to.
     */
    private Topic notify(String email) {
        Key key = Key.Builder.create(this, "AlarmTopicKey")
                .description("Encrypts the explainer endpoint's alarm topic")
                .enableKeyRotation(true)
                .removalPolicy(RemovalPolicy.DESTROY)
                .pendingWindow(Duration.days(30))
                .build();
        key.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("CloudWatchAlarmsPublishToTheTopic")
                .principals(List.of(new ServicePrincipal("cloudwatch.amazonaws.com")))
                .actions(List.of("kms:Decrypt", "kms:GenerateDataKey*"))
                .resources(List.of("*"))
                .build());
        Topic alarmTopic = Topic.Builder.create(this, "AlarmTopic")
                .displayName("Credit explainer endpoint alarms")
                .masterKey(key)
                .enforceSsl(true)
                .build();
        alarmTopic.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("AlarmsOfThisAccountPublish")
                .principals(List.of(new ServicePrincipal("cloudwatch.amazonaws.com")))
                .actions(List.of("sns:Publish"))
                .resources(List.of(alarmTopic.getTopicArn()))
                .conditions(Map.of(
                        "ArnLike",
                        Map.of(
                                "aws:SourceArn",
                                "arn:" + Aws.PARTITION + ":cloudwatch:" + Aws.REGION + ":" + Aws.ACCOUNT_ID
                                        + ":alarm:*"),
                        "StringEquals",
                        Map.of("aws:SourceAccount", Aws.ACCOUNT_ID)))
                .build());
        alarmTopic.addSubscription(new EmailSubscription(email));
        SnsAction action = new SnsAction(alarmTopic);
        for (Alarm alarm : alarms()) {
            alarm.addAlarmAction(action);
            alarm.addOkAction(action);
        }
        return alarmTopic;
    }

    private Dashboard dashboard(AppSettings settings, double cpuThreshold) {
        AlarmSettings thresholds = settings.alarms();
        Dashboard board = Dashboard.Builder.create(this, "Dashboard")
                .defaultInterval(Duration.hours(3))
                .build();
        board.addWidgets(
                graph(
                        "Invocations per minute",
                        List.of(
                                invocationMetric("Invocations", "Sum", GRAPH_PERIOD),
                                invocationMetric("InvocationsPerInstance", "Sum", GRAPH_PERIOD)),
                        settings.scaling().autoscales()
                                ? List.of(annotation(
                                        settings.scaling().targetInvocationsPerInstance(),
                                        "scaling target per instance"))
                                : List.of()),
                graph(
                        "Error rates (% of invocations)",
                        List.of(errorRate("4xx", GRAPH_PERIOD), errorRate("5xx", GRAPH_PERIOD)),
                        List.of(
                                annotation(thresholds.error4xxRatePercent(), "4xx alarm"),
                                annotation(thresholds.error5xxRatePercent(), "5xx alarm"))),
                graph(
                        "ModelLatency (ms)",
                        List.of(latencyMillis("p50"), latencyMillis("p99")),
                        List.of(annotation(thresholds.modelLatencyP99Millis(), "p99 alarm"))));
        board.addWidgets(
                graph(
                        "CPUUtilization (% summed over " + settings.endpointVcpus() + " vCPUs)",
                        List.of(
                                instanceMetric("CPUUtilization", "Average", GRAPH_PERIOD),
                                instanceMetric("CPUUtilization", "Maximum", GRAPH_PERIOD)),
                        List.of(annotation(cpuThreshold, "CPU alarm (average)"))),
                graph(
                        "Instances (CPU samples per minute)",
                        // Each instance reports CPUUtilization once a minute: the sample count is the fleet size.
                        List.of(instanceMetric("CPUUtilization", "SampleCount", GRAPH_PERIOD)),
                        List.of()),
                AlarmStatusWidget.Builder.create()
                        .title("Alarms")
                        .alarms(List.<IAlarm>of(error4xxRate, error5xxRate, modelLatency, cpu))
                        .width(8)
                        .height(6)
                        .build());
        return board;
    }

    private static GraphWidget graph(String title, List<IMetric> metrics, List<HorizontalAnnotation> annotations) {
        return GraphWidget.Builder.create()
                .title(title)
                .left(metrics)
                .leftAnnotations(annotations)
                .width(8)
                .height(6)
                .build();
    }

    /** 5.0 as "5", 2.5 as "2.5": thresholds as an operator would write them. */
    private static String text(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    private static HorizontalAnnotation annotation(double value, String label) {
        return HorizontalAnnotation.builder().value(value).label(label).build();
    }
}
