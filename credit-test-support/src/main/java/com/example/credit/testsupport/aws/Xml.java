package com.example.credit.testsupport.aws;

/** XML text escaping for the awsQuery answers, which are written as strings. */
final class Xml {

    private Xml() {}

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&apos;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    /** {@code <name>escaped text</name>}, or nothing when the text is null (an absent member). */
    static String element(String name, String text) {
        return text == null ? "" : "<" + name + ">" + escape(text) + "</" + name + ">";
    }
}
