package com.example.credit.etl.io;

import com.example.credit.etl.EtlException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.PathFilter;

/**
 * The few file operations the job needs, on any Hadoop file system (local, s3a, EMRFS), with I/O
 * errors turned into {@link EtlException}s that name the path.
 */
final class HadoopFiles {

    private final FileSystem fs;

    HadoopFiles(Path root, Configuration configuration) {
        try {
            FileSystem resolved = root.getFileSystem(configuration);
            // The local file system would add a hidden .crc file beside each file this job writes or
            // moves; the raw one underneath writes only the files themselves.
            this.fs = resolved instanceof LocalFileSystem local ? local.getRaw() : resolved;
        } catch (IOException e) {
            throw new EtlException("cannot open the file system of " + root + ": " + e.getMessage(), e);
        }
    }

    boolean exists(Path path) {
        try {
            return fs.exists(path);
        } catch (IOException e) {
            throw failure("check", path, e);
        }
    }

    byte[] read(Path path) {
        try (FSDataInputStream in = fs.open(path)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw failure("read", path, e);
        }
    }

    /** The first line of a text file without a byte-order mark, or an empty string for an empty file. */
    String firstLine(Path path) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(fs.open(path), StandardCharsets.UTF_8))) {
            String line = reader.readLine();
            return line == null ? "" : line.replace("\uFEFF", "");
        } catch (IOException e) {
            throw failure("read", path, e);
        }
    }

    /** Files directly under a folder whose names pass the filter, sorted by name. */
    List<Path> list(Path folder, PathFilter filter) {
        try {
            if (!fs.exists(folder)) {
                return List.of();
            }
            return Arrays.stream(fs.listStatus(folder, filter))
                    .filter(FileStatus::isFile)
                    .map(FileStatus::getPath)
                    .sorted(Comparator.comparing(Path::getName))
                    .toList();
        } catch (IOException e) {
            throw failure("list", folder, e);
        }
    }

    void write(Path path, byte[] bytes) {
        try (OutputStream out = fs.create(path, true)) {
            out.write(bytes);
        } catch (IOException e) {
            throw failure("write", path, e);
        }
    }

    void delete(Path path) {
        try {
            fs.delete(path, true);
        } catch (IOException e) {
            throw failure("delete", path, e);
        }
    }

    void mkdirs(Path path) {
        try {
            if (!fs.mkdirs(path)) {
                throw new EtlException("cannot create folder " + path);
            }
        } catch (IOException e) {
            throw failure("create", path, e);
        }
    }

    void rename(Path from, Path to) {
        try {
            if (!fs.rename(from, to)) {
                throw new EtlException("cannot rename " + from + " to " + to);
            }
        } catch (IOException e) {
            throw new EtlException("cannot rename " + from + " to " + to + ": " + e.getMessage(), e);
        }
    }

    private static EtlException failure(String action, Path path, IOException e) {
        return new EtlException("cannot " + action + " " + path + ": " + e.getMessage(), e);
    }
}
