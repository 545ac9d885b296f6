package com.example.credit.etl;

import static com.example.credit.etl.PreparedFiles.lines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import com.example.credit.core.layout.PreparedLayout.Channel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The split keeps the near-duplicates of one Statlog row (raw format 2, {@code derived_from}) on one side, so
 * that test metrics are not inflated by copies of training rows, and still follows the label shares.
 */
class GroupedSplitTests {

    private static final int GROUPS = 200;
    private static final int PER_GROUP = 6;

    @TempDir
    static Path work;

    private static SparkSession spark;
    private static RawFixture raw;
    private static Path prepared;

    @BeforeAll
    static void runThePipelineOnGroupedData() {
        spark = SparkTestSession.shared();
        raw = RawFixture.randomGroups(GROUPS, PER_GROUP, 21);
        prepared = work.resolve("grouped-prepared");
        new EtlPipeline(spark)
                .run(EtlOptions.of(raw.write(work.resolve("grouped-raw")).toString(), prepared.toString()));
    }

    @Test
    void noGroupStraddlesTheSplit() {
        Map<Integer, Set<Boolean>> sides = sidesByGroup(raw, prepared);

        assertThat(sides).hasSize(GROUPS);
        assertThat(sides.values()).allSatisfy(side -> assertThat(side).hasSize(1));
    }

    @Test
    void testShareFollowsTheQuotaOfEachClassWithinOneGroup() {
        List<String> train = lines(prepared, Channel.LABEL_TRAIN.folder());
        List<String> test = lines(prepared, Channel.LABEL_TEST.folder());
        int rows = GROUPS * PER_GROUP;
        long defaulted =
                raw.credits.stream().filter(line -> line.contains(",true,")).count();

        assertThat(train.size() + test.size()).isEqualTo(rows);
        long quota = Math.round(0.2 * defaulted) + Math.round(0.2 * (rows - defaulted));
        // The cut of each of the two classes may take the rest of its group along: under one group each.
        assertThat((long) test.size()).isBetween(quota, quota + 2L * (PER_GROUP - 1));
        assertThat(test.size() % PER_GROUP).as("whole groups only").isZero();
        long testDefaults = test.stream()
                .filter(line -> line.contains("\"credit__default\":true"))
                .count();
        assertThat(testDefaults / (double) test.size()).isCloseTo(defaulted / (double) rows, offset(0.03));
    }

    @Test
    void aGroupWithMixedLabelsStillGoesWhole() {
        RawFixture mixed = RawFixture.randomGroups(GROUPS, PER_GROUP, 22);
        // Flip the label of the first credit of every fourth group.
        for (int i = 0; i < GROUPS; i += 4) {
            String line = mixed.credits.get(i);
            mixed.credits.set(
                    i, line.contains(",true,") ? line.replace(",true,", ",false,") : line.replace(",false,", ",true,"));
        }
        Path out = work.resolve("mixed-prepared");
        new EtlPipeline(spark)
                .run(EtlOptions.of(mixed.write(work.resolve("mixed-raw")).toString(), out.toString()));

        assertThat(sidesByGroup(mixed, out).values())
                .allSatisfy(side -> assertThat(side).hasSize(1));
    }

    @Test
    void theManifestCountsTheRowsAsSplitAndTheGroupsOnEachSide() throws Exception {
        String manifest = Files.readString(prepared.resolve("_SUCCESS"));
        int test = lines(prepared, Channel.LABEL_TEST.folder()).size();

        assertThat(manifest)
                .contains("\"test\" : " + test, "\"train\" : " + (GROUPS * PER_GROUP - test))
                .contains("\"split_groups\"", "\"test\" : " + test / PER_GROUP);
    }

    @Test
    void publishesEachTrainingRowsGroupForTrainingsFolds() {
        Map<String, String> groups = new HashMap<>();
        for (String line : lines(prepared, Channel.GROUPS_TRAIN.folder())) {
            assertThat(line).matches("\\{\"row_id\":\"[0-9a-f]{16}\",\"group\":\"derived-from-\\d+\"}");
            groups.put(PreparedFiles.rowId(line), line.replaceAll(".*\"group\":\"([^\"]+)\".*", "$1"));
        }
        Set<String> trainIds = new HashSet<>();
        lines(prepared, Channel.LABEL_TRAIN.folder()).forEach(line -> trainIds.add(PreparedFiles.rowId(line)));

        assertThat(groups.keySet()).isEqualTo(trainIds);
        for (String line : raw.credits) {
            String[] fields = line.split(",", -1);
            String rowId = EtlPipelineTests.rowIdOf(fields[0]);
            if (trainIds.contains(rowId)) {
                assertThat(groups.get(rowId)).isEqualTo("derived-from-" + fields[9]);
            }
        }
    }

    @Test
    void theGroupNeverReachesAPreparedFile() {
        for (Channel channel : Channel.values()) {
            if (channel != Channel.SCHEMAS && channel != Channel.GROUPS_TRAIN) {
                assertThat(lines(prepared, channel.folder()))
                        .as(channel.folder())
                        .noneMatch(line -> line.contains("derived") || line.contains("_group"));
            }
        }
    }

    /** For every group of the raw credits, the sides (true: test) its rows landed on. */
    private static Map<Integer, Set<Boolean>> sidesByGroup(RawFixture raw, Path prepared) {
        Set<String> testIds = new HashSet<>();
        lines(prepared, Channel.LABEL_TEST.folder()).forEach(line -> testIds.add(PreparedFiles.rowId(line)));
        Set<String> trainIds = new HashSet<>();
        lines(prepared, Channel.LABEL_TRAIN.folder()).forEach(line -> trainIds.add(PreparedFiles.rowId(line)));
        Map<Integer, Set<Boolean>> sides = new HashMap<>();
        for (String line : raw.credits) {
            String[] fields = line.split(",", -1);
            String rowId = EtlPipelineTests.rowIdOf(fields[0]);
            assertThat(testIds.contains(rowId) || trainIds.contains(rowId))
                    .as("credit %s is in the output", fields[0])
                    .isTrue();
            sides.computeIfAbsent(Integer.parseInt(fields[9]), group -> new HashSet<>())
                    .add(testIds.contains(rowId));
        }
        return sides;
    }
}
