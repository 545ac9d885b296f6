package com.example.credit.pipeline.aws;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Unpacks the {@code model.tar.gz} SageMaker makes of a training job's {@code /opt/ml/model}: regular files only,
 * each inside the target folder (an entry naming a path outside it is refused). A small reader of the tar formats
 * (POSIX ustar, with GNU long names and PAX {@code path} records, which Python's tarfile writes) rather than a
 * library: commons-compress would bring commons-lang3 and commons-io versions that conflict with Spark's on this
 * module's class path.
 */
final class ModelArchive {

    private static final int BLOCK = 512;

    private ModelArchive() {}

    /**
     * Extracts the archive into {@code folder}.
     *
     * @return the files written, in archive order
     * @throws AwsStageException for an archive that is not a gzip'd tar or escapes the folder
     */
    static List<Path> extract(InputStream archive, Path folder, String source) {
        Path root = folder.toAbsolutePath().normalize();
        List<Path> files = new ArrayList<>();
        try (DataInputStream tar = new DataInputStream(new GZIPInputStream(new BufferedInputStream(archive)))) {
            Files.createDirectories(root);
            byte[] header = new byte[BLOCK];
            String longName = null;
            while (true) {
                try {
                    tar.readFully(header);
                } catch (EOFException e) {
                    break;
                }
                if (isZero(header)) {
                    break;
                }
                if (!checksumMatches(header)) {
                    throw new AwsStageException(source + ": a tar header's checksum does not match");
                }
                char type = (char) header[156];
                long size = octal(header, 124, 12);
                String name = longName != null ? longName : name(header);
                longName = null;
                switch (type) {
                    case 'L' -> longName = trimNul(new String(read(tar, size), StandardCharsets.UTF_8));
                    case 'x' -> longName = paxPath(read(tar, size));
                    case '0', '\0' -> {
                        Path target = root.resolve(name).normalize();
                        if (!target.startsWith(root) || target.equals(root)) {
                            throw new AwsStageException(source + ": entry '" + name + "' points outside " + root);
                        }
                        Files.createDirectories(target.getParent());
                        try (OutputStream out = Files.newOutputStream(target)) {
                            copy(tar, out, size);
                        }
                        skipPadding(tar, size);
                        files.add(target);
                    }
                    default -> {
                        // Directories, links, global PAX headers: nothing to write.
                        copy(tar, OutputStream.nullOutputStream(), size);
                        skipPadding(tar, size);
                    }
                }
            }
        } catch (IOException e) {
            throw new AwsStageException(source + " is not a readable model.tar.gz: " + e.getMessage(), e);
        }
        return files;
    }

    private static String name(byte[] header) {
        String name = field(header, 0, 100);
        String prefix = new String(header, 257, 6, StandardCharsets.US_ASCII).startsWith("ustar")
                ? field(header, 345, 155)
                : "";
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    /** The {@code path} record of a PAX extended header ("<length> path=<value>\n" records), or null. */
    private static String paxPath(byte[] records) {
        String text = new String(records, StandardCharsets.UTF_8);
        for (String record : text.split("\n")) {
            int space = record.indexOf(' ');
            if (space > 0 && record.startsWith("path=", space + 1)) {
                return record.substring(space + 6);
            }
        }
        return null;
    }

    private static byte[] read(DataInputStream tar, long size) throws IOException {
        if (size > 1 << 20) {
            throw new IOException("an extended header of " + size + " bytes");
        }
        byte[] bytes = new byte[(int) size];
        tar.readFully(bytes);
        skipPadding(tar, size);
        return bytes;
    }

    private static void copy(InputStream in, OutputStream out, long size) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long left = size;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new EOFException("the archive ends inside an entry");
            }
            out.write(buffer, 0, n);
            left -= n;
        }
    }

    private static void skipPadding(DataInputStream tar, long size) throws IOException {
        int padding = (int) ((BLOCK - size % BLOCK) % BLOCK);
        tar.readFully(new byte[padding]);
    }

    private static long octal(byte[] header, int offset, int length) throws IOException {
        String text = field(header, offset, length).trim();
        try {
            return text.isEmpty() ? 0 : Long.parseLong(text, 8);
        } catch (NumberFormatException e) {
            throw new IOException("a tar header's size '" + text + "' is not octal");
        }
    }

    private static boolean checksumMatches(byte[] header) throws IOException {
        long expected = octal(header, 148, 8);
        long sum = 0;
        for (int i = 0; i < BLOCK; i++) {
            sum += (i >= 148 && i < 156) ? ' ' : (header[i] & 0xff);
        }
        return sum == expected;
    }

    private static String field(byte[] header, int offset, int length) {
        return trimNul(new String(header, offset, length, StandardCharsets.UTF_8));
    }

    private static String trimNul(String text) {
        int nul = text.indexOf('\0');
        return nul < 0 ? text : text.substring(0, nul);
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }
}
