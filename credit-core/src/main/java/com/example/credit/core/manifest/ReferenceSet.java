package com.example.credit.core.manifest;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A reference population shipped with the model ({@code model.json}'s {@code references}): a file of model-space rows
 * beside the model, which interventional TreeSHAP explains against. The rows themselves are read with
 * {@link ReferenceRows}.
 *
 * @param name the name a request chooses it by, for example {@value #BACKGROUND} or {@code approved}
 * @param file the file name in the model folder, for example {@code background.jsonl}
 * @param description what the rows are, in words (how they were drawn)
 * @param rows the number of rows in the file
 * @param sha256 the hex SHA-256 of the file's bytes
 */
public record ReferenceSet(String name, String file, String description, int rows, String sha256) {

    /** The name of the default reference: a sample of the training rows. */
    public static final String BACKGROUND = "background";

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    private static final Pattern FILE = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,126}\\.jsonl");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    public ReferenceSet {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(sha256, "sha256");
        if (!NAME.matcher(name).matches()) {
            throw new ManifestException("reference set name '" + name + "' is invalid: it must be 1 to 64 lower-case"
                    + " letters, digits or underscores, starting with a letter");
        }
        if (!FILE.matcher(file).matches()) {
            throw new ManifestException("reference set " + name + " has file '" + file + "': it must be a plain"
                    + " file name in the model folder ending in .jsonl (letters, digits, '.', '_', '-')");
        }
        if (rows < 1) {
            throw new ManifestException("reference set " + name + " has " + rows + " rows, it needs at least 1");
        }
        if (!SHA256.matcher(sha256).matches()) {
            throw new ManifestException(
                    "reference set " + name + " has sha256 '" + sha256 + "', it must be 64 lower-case hex digits");
        }
    }

    /** The entry of a file's content: its row count and SHA-256 taken from the bytes as written. */
    public static ReferenceSet of(String name, String file, String description, int rows, byte[] content) {
        return new ReferenceSet(name, file, description, rows, sha256(content));
    }

    /** The hex SHA-256 of some bytes, as {@link #sha256()} records it. */
    public static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform must provide SHA-256 (java.security.MessageDigest's contract).
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
