package com.example.credit.batch.runs;

import com.example.credit.batch.storage.Location;
import com.example.credit.batch.storage.RunStorage;
import com.example.credit.batch.storage.StoredFile;
import com.example.credit.core.layout.PreparedLayout;
import com.example.credit.core.schema.FeatureCatalog;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The protected groups of applicants by row id, read from the ETL's {@code protected_test} (JSON Lines part files
 * of {@code row_id}, {@code personal__age}, {@code personal__gender}, {@code personal__relationship_status}) and
 * coded at once ({@link ProtectedAttribute}), with each age as a number for the bias analysis's age facets (the
 * categories are their groups already). Sorted row ids, one byte per attribute and the age, so that a million
 * applicants take 19 MB. It lives for the index step only: the index keeps the group codes, for the filter, and the
 * bias analysis's aggregates; no age and no applicant's group is written anywhere else.
 */
public final class ProtectedGroups {

    private static final JsonMapper MAPPER = JsonMapper.shared();
    private static final int ATTRIBUTES = ProtectedAttribute.values().length;

    private final long[] ids;
    private final byte[] codes;
    /** The age of each applicant, NaN when missing. */
    private final double[] ages;

    private ProtectedGroups(long[] ids, byte[] codes, double[] ages) {
        this.ids = ids;
        this.codes = codes;
        this.ages = ages;
    }

    /**
     * Reads a protected folder (or one file), skipping Spark's {@code _SUCCESS} and {@code .crc} files.
     *
     * @throws RunIndexException naming the file, the line and the rule (never a value) for a malformed line, a value
     *     outside its attribute's groups or a row id given twice
     */
    public static ProtectedGroups read(Path location) {
        Reader reader = new Reader();
        for (Path file : files(location)) {
            try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                reader.read(lines, file.getFileName().toString());
            } catch (IOException e) {
                throw new RunIndexException("cannot read protected attributes " + file + ": " + e.getMessage(), e);
            }
        }
        return reader.groups();
    }

    /**
     * Reads a protected folder (or one file) wherever it is stored: the file system, or S3 through the storage.
     *
     * @throws RunIndexException as {@link #read(Path)}, and when the location is neither a file nor a folder
     */
    public static ProtectedGroups read(RunStorage storage, Location location) {
        if (location instanceof Location.Local local) {
            return read(local.path());
        }
        List<StoredFile> files = storage.dataFiles(location)
                .orElseThrow(() -> new RunIndexException("protected attributes " + location
                        + " are neither a file nor a folder"
                        + storage.whyMissing(location).map(why -> ": " + why).orElse("")));
        Reader reader = new Reader();
        for (StoredFile file : files) {
            try (BufferedReader lines =
                    new BufferedReader(new InputStreamReader(storage.open(file.location()), StandardCharsets.UTF_8))) {
                reader.read(lines, file.location().name());
            } catch (IOException e) {
                throw new RunIndexException(
                        "cannot read protected attributes " + file.location() + ": " + e.getMessage(), e);
            }
        }
        return reader.groups();
    }

    /** Codes the lines of protected files as they are read. */
    private static final class Reader {
        private long[] ids = new long[1024];
        private byte[] codes = new byte[1024 * ATTRIBUTES];
        private double[] ages = new double[1024];
        private int rows;

        void read(BufferedReader reader, String name) throws IOException {
            int number = 0;
            for (String line; (line = reader.readLine()) != null; ) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                String where = name + " line " + number;
                JsonNode node;
                try {
                    node = MAPPER.readTree(line);
                } catch (JacksonException e) {
                    // The parser's message may quote the line: say only where it is.
                    throw new RunIndexException(where + " of the protected attributes is not JSON");
                }
                JsonNode rowId = node.get(FeatureCatalog.ROW_ID);
                if (rowId == null || !rowId.isString()) {
                    throw new RunIndexException(where + " of the protected attributes has no string row_id");
                }
                if (rows == ids.length) {
                    ids = Arrays.copyOf(ids, rows * 2);
                    codes = Arrays.copyOf(codes, rows * 2 * ATTRIBUTES);
                    ages = Arrays.copyOf(ages, rows * 2);
                }
                ids[rows] = RowIds.parse(rowId.asString(), where);
                for (ProtectedAttribute attribute : ProtectedAttribute.values()) {
                    codes[rows * ATTRIBUTES + attribute.ordinal()] =
                            (byte) attribute.code(node.get(attribute.source()), where);
                }
                // A present age is a non-negative number: code() refused anything else.
                JsonNode age = node.get(ProtectedAttribute.AGE_BAND.source());
                ages[rows] = age == null || age.isNull() ? Double.NaN : age.asDouble();
                rows++;
            }
        }

        ProtectedGroups groups() {
            return sorted(ids, codes, ages, rows);
        }
    }

    private static ProtectedGroups sorted(long[] ids, byte[] codes, double[] ages, int rows) {
        Integer[] order = new Integer[rows];
        for (int i = 0; i < rows; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compareUnsigned(ids[a], ids[b]));
        long[] sortedIds = new long[rows];
        byte[] sortedCodes = new byte[rows * ATTRIBUTES];
        double[] sortedAges = new double[rows];
        for (int i = 0; i < rows; i++) {
            sortedIds[i] = ids[order[i]];
            if (i > 0 && sortedIds[i] == sortedIds[i - 1]) {
                throw new RunIndexException("row_id " + RowIds.format(sortedIds[i])
                        + " has protected attributes twice; row ids are unique");
            }
            System.arraycopy(codes, order[i] * ATTRIBUTES, sortedCodes, i * ATTRIBUTES, ATTRIBUTES);
            sortedAges[i] = ages[order[i]];
        }
        return new ProtectedGroups(sortedIds, sortedCodes, sortedAges);
    }

    /** The number of applicants read. */
    public int size() {
        return ids.length;
    }

    /**
     * Writes the group codes of the applicant with this id into {@code into} (one per attribute, -1 unknown).
     *
     * @return whether the applicant has protected attributes
     */
    boolean codes(long id, byte[] into) {
        int slot = find(id);
        if (slot < 0) {
            Arrays.fill(into, (byte) -1);
            return false;
        }
        System.arraycopy(codes, slot * ATTRIBUTES, into, 0, ATTRIBUTES);
        return true;
    }

    /** The position of the applicant with this id among those read, or -1 when it has no protected attributes. */
    int find(long id) {
        int low = 0;
        int high = ids.length - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            int compared = Long.compareUnsigned(ids[middle], id);
            if (compared < 0) {
                low = middle + 1;
            } else if (compared > 0) {
                high = middle - 1;
            } else {
                return middle;
            }
        }
        return -1;
    }

    /**
     * The protected values of the applicant at {@code slot} ({@link #find}) as the bias analysis reads them, by the
     * ETL's field names: the age as a number's text, gender and relationship status as their groups; an attribute
     * without a value is left out. For the index step's aggregates only: never to be logged or shown.
     */
    Map<String, String> values(int slot) {
        Map<String, String> values = new HashMap<>();
        for (ProtectedAttribute attribute : ProtectedAttribute.values()) {
            if (attribute == ProtectedAttribute.AGE_BAND) {
                if (!Double.isNaN(ages[slot])) {
                    values.put(attribute.source(), Double.toString(ages[slot]));
                }
            } else {
                byte code = codes[slot * ATTRIBUTES + attribute.ordinal()];
                if (code >= 0) {
                    values.put(attribute.source(), attribute.groups().get(code));
                }
            }
        }
        return Map.copyOf(values);
    }

    private static List<Path> files(Path location) {
        if (Files.isRegularFile(location)) {
            return List.of(location);
        }
        if (!Files.isDirectory(location)) {
            throw new RunIndexException("protected attributes " + location + " are neither a file nor a folder");
        }
        try {
            return PreparedLayout.dataFiles(location);
        } catch (IOException e) {
            throw new RunIndexException("cannot list protected attributes " + location + ": " + e.getMessage(), e);
        }
    }
}
