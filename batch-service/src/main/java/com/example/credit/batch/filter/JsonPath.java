package com.example.credit.batch.filter;

import com.example.credit.batch.FilterException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A parsed JSONPath expression of the subset SageMaker supports in {@code InputFilter} and {@code OutputFilter}:
 * the root {@code $}, children {@code .name} and {@code ['name']}, several children {@code ['a','b']} (an object
 * with those keys), indexes {@code [1,3]} and {@code [-1]}, and ranges {@code [0:5]}, {@code [1:]}, {@code [:2]}
 * that may be mixed ({@code [0,5:]}). Ranges include their end index. A CSV row is an array of its cells.
 *
 * <p>One index selects the element itself; several indexes or a range select an array, as SageMaker does.
 *
 * @param expression the expression as written
 * @param segments the steps after {@code $}
 */
public record JsonPath(String expression, List<Segment> segments) {

    /** The identity filter. */
    public static final JsonPath ROOT = new JsonPath("$", List.of());

    public JsonPath {
        Objects.requireNonNull(expression, "expression");
        segments = List.copyOf(segments);
    }

    /** One step of a path. */
    public sealed interface Segment permits Child, Children, Elements {}

    /** {@code .name} or {@code ['name']}: the value of one key. */
    public record Child(String name) implements Segment {}

    /** {@code ['a','b']}: an object with only these keys, in this order. */
    public record Children(List<String> names) implements Segment {
        public Children {
            names = List.copyOf(names);
        }
    }

    /** {@code [1,3]}, {@code [0:5]}: elements of an array by index or inclusive range. */
    public record Elements(List<Selector> selectors) implements Segment {
        public Elements {
            selectors = List.copyOf(selectors);
        }

        /** Whether the result is one element rather than an array. */
        public boolean single() {
            return selectors.size() == 1 && selectors.get(0) instanceof Index;
        }
    }

    /** One item of an {@link Elements} segment. */
    public sealed interface Selector permits Index, Range {}

    /** One index; negative counts from the end. */
    public record Index(int index) implements Selector {}

    /**
     * An inclusive range; a missing bound is the first or last element.
     *
     * @param start the first index, or {@code null}
     * @param end the last index (included), or {@code null}
     */
    public record Range(Integer start, Integer end) implements Selector {}

    /**
     * Parses an expression.
     *
     * @throws FilterException naming the position and what was expected there
     */
    public static JsonPath parse(String expression) {
        return new JsonPathParser(expression).parse();
    }

    /** Whether the path selects the whole document. */
    public boolean isRoot() {
        return segments.isEmpty();
    }

    /**
     * Applies the path to a document; the document is not changed.
     *
     * @throws FilterException when a key or index does not exist or the document has the wrong shape there
     */
    public JsonNode apply(JsonNode document) {
        JsonNode current = document;
        for (Segment segment : segments) {
            current = step(current, segment);
        }
        return current;
    }

    private JsonNode step(JsonNode node, Segment segment) {
        if (segment instanceof Child child) {
            requireObject(node, "['" + child.name() + "']");
            return value(node, child.name());
        }
        if (segment instanceof Children children) {
            requireObject(node, "['" + String.join("','", children.names()) + "']");
            ObjectNode selected = JsonNodeFactory.instance.objectNode();
            for (String name : children.names()) {
                selected.set(name, value(node, name));
            }
            return selected;
        }
        Elements elements = (Elements) segment;
        if (!node.isArray()) {
            throw new FilterException("filter " + expression + ": indexes need an array or a CSV row, not "
                    + node.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        List<Integer> indexes = indexes(elements, node.size());
        if (elements.single()) {
            return node.get(indexes.get(0));
        }
        ArrayNode selected = JsonNodeFactory.instance.arrayNode();
        indexes.forEach(i -> selected.add(node.get(i)));
        return selected;
    }

    private JsonNode value(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null) {
            throw new FilterException("filter " + expression + ": the record has no key '" + name + "'");
        }
        return value;
    }

    private List<Integer> indexes(Elements elements, int size) {
        List<Integer> indexes = new ArrayList<>();
        for (Selector selector : elements.selectors()) {
            if (selector instanceof Index index) {
                indexes.add(resolve(index.index(), size));
            } else {
                Range range = (Range) selector;
                int start = range.start() == null ? 0 : resolve(range.start(), size);
                int end = range.end() == null ? size - 1 : resolve(range.end(), size);
                for (int i = start; i <= end; i++) {
                    indexes.add(i);
                }
            }
        }
        return indexes;
    }

    private int resolve(int index, int size) {
        int resolved = index < 0 ? size + index : index;
        if (resolved < 0 || resolved >= size) {
            throw new FilterException("filter " + expression + ": index " + index + " is outside the " + size
                    + " element(s) of the record");
        }
        return resolved;
    }

    private void requireObject(JsonNode node, String step) {
        if (!node.isObject()) {
            throw new FilterException("filter " + expression + ": " + step + " needs a JSON object, not "
                    + node.getNodeType().name().toLowerCase(Locale.ROOT));
        }
    }

    @Override
    public String toString() {
        return expression;
    }
}
