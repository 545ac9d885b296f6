package com.example.credit.batch.local;

import java.util.Arrays;
import java.util.Objects;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.io.NumberInput;
import tools.jackson.core.io.NumberOutput;
import tools.jackson.databind.json.JsonMapper;

/**
 * Whether a JSON text is already what {@link CanonicalJson} would make of it (the mapper's writing of the tree it
 * reads from the text), decided in one pass over the characters, without a parser, a generator or a copy: the
 * explainer's answers are written by the same kind of mapper, so most texts are, and the text itself then stands for
 * its copy. Only a strict subset of JSON is recognised, and anything outside it answers "no" (the caller copies, which
 * decides as before):
 *
 * <ul>
 *   <li>no blank anywhere outside strings;
 *   <li>strings of printable ASCII characters that the mapper writes as they are (no escape sequence at all);
 *   <li>integers as the mapper writes them back: a minus sign at most, no leading zero, not {@code -0}, at most 18
 *       digits;
 *   <li>other numbers whose double the mapper writes with exactly the same characters (its fast writer's shortest
 *       digits);
 *   <li>objects without a repeated key (the tree keeps the last value, at the first key's place), and none with the
 *       reserved key at the top when one is given;
 *   <li>at most {@value #MAX_DEPTH} levels of nesting, keys and strings of at most {@value #MAX_STRING} characters.
 * </ul>
 *
 * Thread-safe: the scratch space of a pass is its own.
 */
final class CanonicalText {

    static final int MAX_DEPTH = 64;
    static final int MAX_STRING = 10_000;
    // A double's shortest form takes at most 24 characters (-1.2345678901234567E-308).
    private static final int MAX_DOUBLE_CHARS = 32;
    private static final int MAX_INTEGER_DIGITS = 18;
    // Doubles the mapper must write as the check does before the check is trusted.
    private static final double[] PROBES = {
        0.0,
        -0.0,
        1.0,
        0.1,
        -2.369442994430995E-4,
        0.12245013167410948,
        1e-7,
        1.0E7,
        123456.789,
        5e-324,
        Double.MAX_VALUE,
        9.007199254740993E15
    };

    // Per byte (as an unsigned value): whether a string may hold it as it is (an ASCII character the mapper writes
    // unescaped; never the quote, which ends the string, nor a byte outside ASCII).
    private final boolean[] plain = new boolean[256];
    private final boolean enabled;

    CanonicalText(JsonMapper mapper) {
        Objects.requireNonNull(mapper, "mapper");
        for (char c = 0x20; c < 0x7f; c++) {
            String text = String.valueOf(c);
            plain[c] = c != '"' && c != '\\' && mapper.writeValueAsString(text).equals('"' + text + '"');
        }
        boolean doubles = mapper.isEnabled(StreamWriteFeature.USE_FAST_DOUBLE_WRITER);
        char[] digits = new char[MAX_DOUBLE_CHARS];
        for (double probe : PROBES) {
            int length = NumberOutput.outputDouble(probe, digits, 0);
            doubles &= mapper.writeValueAsString(probe).equals(new String(digits, 0, length));
        }
        // A mapper that writes doubles otherwise (Double.toString's digits) gets no short cut: every text is copied.
        this.enabled = doubles;
    }

    /** Whether {@code text} is exactly one JSON value in the form its copy would have. */
    boolean isCanonicalValue(String text) {
        byte[] ascii = enabled ? ascii(text) : null;
        return ascii != null && new Pass(ascii, 0, ascii.length, null).wholeValue();
    }

    /**
     * Where the line that starts at {@code bytes[from]} ends (at a line feed or the end of the bytes) when it is exactly
     * one JSON value in the form its copy would have, read as UTF-8 (such a line is ASCII: one character a byte), else
     * -1. A canonical value holds no line feed, so the line is found by reading the value.
     */
    int canonicalLineEnd(byte[] bytes, int from) {
        Objects.checkIndex(from, bytes.length + 1);
        if (!enabled) {
            return -1;
        }
        Pass pass = new Pass(bytes, from, bytes.length, null);
        if (!pass.value(0)) {
            return -1;
        }
        return pass.at == bytes.length || bytes[pass.at] == '\n' ? pass.at : -1;
    }

    /**
     * Whether {@code text} is exactly one JSON object in the form its copy would have, without the top-level key
     * {@code reserved}.
     */
    boolean isCanonicalObject(String text, String reserved) {
        byte[] ascii = enabled && !text.isEmpty() && text.charAt(0) == '{' ? ascii(text) : null;
        return ascii != null && new Pass(ascii, 0, ascii.length, reserved).wholeValue();
    }

    /** The characters of an ASCII text as bytes, or {@code null} when it has any other (it is not canonical then). */
    private static byte[] ascii(String text) {
        byte[] bytes = new byte[text.length()];
        for (int i = 0; i < bytes.length; i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                return null;
            }
            bytes[i] = (byte) c;
        }
        return bytes;
    }

    /**
     * One pass over the bytes {@code bytes[from, to)} of one text, as UTF-8: any byte outside ASCII (a negative one)
     * makes it not canonical.
     */
    private final class Pass {
        private final byte[] bytes;
        private final int length;
        private final String reserved;
        private final char[] number = new char[MAX_DOUBLE_CHARS];
        private final char[] written = new char[MAX_DOUBLE_CHARS];
        private int at;
        // The keys of the objects being read (see object).
        private int[] keys = new int[96];
        private int top;

        Pass(byte[] bytes, int from, int to, String reserved) {
            this.bytes = bytes;
            this.at = from;
            this.length = to;
            this.reserved = reserved;
        }

        boolean wholeValue() {
            return value(0) && at == length;
        }

        /** Reads one value from {@code at}; false when it is not in canonical form (where it stops does not matter). */
        private boolean value(int depth) {
            if (at >= length) {
                return false;
            }
            byte c = bytes[at];
            return switch (c) {
                case '{' -> depth < MAX_DEPTH && object(depth + 1);
                case '[' -> depth < MAX_DEPTH && array(depth + 1);
                case '"' -> string() >= 0;
                case 't' -> literal("true");
                case 'f' -> literal("false");
                case 'n' -> literal("null");
                default -> c == '-' || (c >= '0' && c <= '9') ? number() : false;
            };
        }

        private boolean object(int depth) {
            at++;
            if (at < length && bytes[at] == '}') {
                at++;
                return true;
            }
            // The keys of this object so far, on the pass's stack from base: start, end and hash of each, to find a
            // repeated one. Nested objects push theirs above and leave the stack as they found it.
            int base = top;
            // One bit per key's hash: most keys need no comparison with the others.
            long seen = 0;
            while (true) {
                int start = at + 1;
                int hash = string();
                if (hash < 0) {
                    return false;
                }
                int end = at - 1;
                if (depth == 1 && reserved != null && isReserved(start, end)) {
                    return false;
                }
                long bit = 1L << (hash ^ hash >>> 6 ^ hash >>> 12);
                if ((seen & bit) != 0) {
                    for (int k = base; k < top; k += 3) {
                        if (keys[k + 2] == hash && Arrays.equals(bytes, keys[k], keys[k + 1], bytes, start, end)) {
                            return false;
                        }
                    }
                }
                seen |= bit;
                if (top + 3 > keys.length) {
                    keys = Arrays.copyOf(keys, keys.length * 2);
                }
                keys[top] = start;
                keys[top + 1] = end;
                keys[top + 2] = hash;
                top += 3;
                if (at >= length || bytes[at] != ':') {
                    return false;
                }
                at++;
                if (!value(depth)) {
                    return false;
                }
                if (at >= length) {
                    return false;
                }
                byte next = bytes[at++];
                if (next == '}') {
                    top = base;
                    return true;
                }
                if (next != ',') {
                    return false;
                }
            }
        }

        private boolean isReserved(int start, int end) {
            if (end - start != reserved.length()) {
                return false;
            }
            for (int i = start; i < end; i++) {
                if (bytes[i] != reserved.charAt(i - start)) {
                    return false;
                }
            }
            return true;
        }

        private boolean array(int depth) {
            at++;
            if (at < length && bytes[at] == ']') {
                at++;
                return true;
            }
            while (true) {
                if (!value(depth) || at >= length) {
                    return false;
                }
                byte next = bytes[at++];
                if (next == ']') {
                    return true;
                }
                if (next != ',') {
                    return false;
                }
            }
        }

        /**
         * Reads a string of plain characters from its opening quote at {@code at}; its hash (non-negative), or -1 when
         * it is not one.
         */
        private int string() {
            if (at >= length || bytes[at] != '"') {
                return -1;
            }
            int start = ++at;
            int limit = Math.min(length, start + MAX_STRING + 1);
            byte[] bytes = this.bytes;
            boolean[] plain = CanonicalText.this.plain;
            int i = start;
            while (i < limit && plain[bytes[i] & 0xFF]) {
                i++;
            }
            if (i == limit || bytes[i] != '"') {
                return -1;
            }
            at = i + 1;
            // A hash of the length and three characters: cheap, and keys that share it are compared.
            int size = i - start;
            return size == 0 ? 0 : (size * 31 + bytes[start]) * 961 + bytes[start + size / 2] * 31 + bytes[i - 1];
        }

        private boolean literal(String word) {
            if (length - at < word.length()) {
                return false;
            }
            for (int i = 0; i < word.length(); i++) {
                if (bytes[at + i] != word.charAt(i)) {
                    return false;
                }
            }
            at += word.length();
            return true;
        }

        /** An integer as the mapper writes it back, or a number whose double the mapper writes as it stands. */
        private boolean number() {
            int start = at;
            int i = at;
            if (bytes[i] == '-') {
                i++;
            }
            int firstDigit = i;
            i = digits(i);
            int intDigits = i - firstDigit;
            if (intDigits == 0 || (intDigits > 1 && bytes[firstDigit] == '0')) {
                return false;
            }
            boolean integer = true;
            if (i < length && bytes[i] == '.') {
                integer = false;
                int fraction = i + 1;
                i = digits(fraction);
                if (i == fraction) {
                    return false;
                }
            }
            if (i < length && (bytes[i] == 'e' || bytes[i] == 'E')) {
                integer = false;
                i++;
                if (i < length && (bytes[i] == '+' || bytes[i] == '-')) {
                    i++;
                }
                int exponent = i;
                i = digits(exponent);
                if (i == exponent) {
                    return false;
                }
            }
            at = i;
            if (integer) {
                // "-0" reads as the integer 0, written "0".
                return intDigits <= MAX_INTEGER_DIGITS && !(firstDigit > start && bytes[firstDigit] == '0');
            }
            int size = i - start;
            if (size > MAX_DOUBLE_CHARS) {
                return false;
            }
            for (int k = 0; k < size; k++) {
                number[k] = (char) bytes[start + k];
            }
            double value = NumberInput.parseDouble(number, 0, size, true);
            int writtenSize = NumberOutput.outputDouble(value, written, 0);
            return writtenSize == size && Arrays.equals(number, 0, size, written, 0, size);
        }

        private int digits(int from) {
            int i = from;
            while (i < length && bytes[i] >= '0' && bytes[i] <= '9') {
                i++;
            }
            return i;
        }
    }
}
