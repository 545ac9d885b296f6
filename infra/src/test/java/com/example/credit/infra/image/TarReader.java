package com.example.credit.infra.image;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A minimal reader of (ustar, PAX and GNU long-name) tar streams: enough for image archives and their layers
 * without a compression library. Self-contained, so the explainer's image test can copy it unchanged.
 */
final class TarReader {

    private static final int BLOCK = 512;

    /** One regular file or directory of a tar stream. */
    record Entry(String name, int mode, char type, byte[] content) {}

    private TarReader() {}

    /** Every entry of the stream by name (in stream order); file contents are read into memory. */
    static Map<String, Entry> read(InputStream in) {
        try {
            Map<String, Entry> entries = new LinkedHashMap<>();
            String longName = null;
            byte[] header;
            while ((header = in.readNBytes(BLOCK)).length == BLOCK && !isZero(header)) {
                String name = string(header, 0, 100);
                String prefix = string(header, 345, 155);
                if (!prefix.isEmpty()) {
                    name = prefix + "/" + name;
                }
                int mode = (int) octal(header, 100, 8);
                long size = octal(header, 124, 12);
                char type = (char) (header[156] == 0 ? '0' : header[156]);
                byte[] content = in.readNBytes((int) size);
                in.skipNBytes((BLOCK - size % BLOCK) % BLOCK);
                switch (type) {
                    case 'x' -> longName = paxPath(content);
                    case 'L' -> longName = new String(content, StandardCharsets.UTF_8).replace("\0", "");
                    default -> {
                        String path = normalize(longName != null ? longName : name);
                        entries.put(path, new Entry(path, mode, type, content));
                        longName = null;
                    }
                }
            }
            return entries;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read tar stream", e);
        }
    }

    /** Strips "./" and leading or trailing slashes, so that lookups use "app/bin/train". */
    private static String normalize(String path) {
        String result = path.startsWith("./") ? path.substring(2) : path;
        while (result.startsWith("/")) {
            result = result.substring(1);
        }
        return result.endsWith("/") ? result.substring(0, result.length() - 1) : result;
    }

    /** The "path" record of a PAX extended header ("<length> path=<value>\n" records), or null. */
    private static String paxPath(byte[] content) {
        for (String record : new String(content, StandardCharsets.UTF_8).split("\n")) {
            int space = record.indexOf(' ');
            if (space > 0 && record.startsWith("path=", space + 1)) {
                return record.substring(space + 1 + "path=".length());
            }
        }
        return null;
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static String string(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static long octal(byte[] header, int offset, int length) {
        String text = string(header, offset, length).trim();
        return text.isEmpty() ? 0 : Long.parseLong(text, 8);
    }
}
