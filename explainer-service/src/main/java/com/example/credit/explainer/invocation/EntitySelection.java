package com.example.credit.explainer.invocation;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The entities one request asks for, in response order without duplicates.
 *
 * @param entities the entities
 */
public record EntitySelection(Set<Entity> entities) {

    public EntitySelection {
        if (entities.isEmpty()) {
            throw new InvalidOptionException(
                    "entities must name at least one of " + String.join(", ", Entity.wireNames()));
        }
        entities = Set.copyOf(EnumSet.copyOf(entities));
    }

    /**
     * Parses a comma-separated list such as {@code prediction,reasons}.
     *
     * @throws UnknownEntityException when a name is not an entity
     * @throws InvalidOptionException when the list is empty
     */
    public static EntitySelection parse(String list) {
        List<Entity> parsed = new ArrayList<>();
        for (String name : list.split(",", -1)) {
            if (!name.isBlank()) {
                parsed.add(Entity.fromWireName(name));
            }
        }
        return new EntitySelection(parsed.isEmpty() ? Set.of() : EnumSet.copyOf(parsed));
    }

    /** The selection of a list of names (the configured default). */
    public static EntitySelection of(List<String> names) {
        return parse(String.join(",", names));
    }

    /** Whether the entity was asked for. */
    public boolean contains(Entity entity) {
        return entities.contains(entity);
    }

    /** The entities in response order. */
    public List<Entity> ordered() {
        return FORMS[mask()].ordered();
    }

    /** The canonical form, for example {@code prediction,reasons}: the metrics tag of the request. */
    public String canonical() {
        return FORMS[mask()].canonical();
    }

    /** The selection as a bit set: bit {@code e.ordinal()} for each entity {@code e} selected. */
    int mask() {
        int mask = 0;
        for (Entity entity : entities) {
            mask |= 1 << entity.ordinal();
        }
        return mask;
    }

    /** Both forms of a selection, made once per subset of the entities (every request asks for them). */
    private record Forms(List<Entity> ordered, String canonical) {}

    private static final Forms[] FORMS = forms();

    private static Forms[] forms() {
        Entity[] all = Entity.values();
        Forms[] forms = new Forms[1 << all.length];
        for (int mask = 1; mask < forms.length; mask++) {
            List<Entity> ordered = new ArrayList<>();
            for (Entity entity : all) {
                if ((mask & 1 << entity.ordinal()) != 0) {
                    ordered.add(entity);
                }
            }
            forms[mask] = new Forms(
                    List.copyOf(ordered), ordered.stream().map(Entity::wireName).collect(Collectors.joining(",")));
        }
        return forms;
    }
}
