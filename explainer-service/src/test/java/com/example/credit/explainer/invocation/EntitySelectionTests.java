package com.example.credit.explainer.invocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EntitySelectionTests {

    @Test
    void everySubsetOfTheEntitiesIsOrderedAndNamedInResponseOrder() {
        Entity[] all = Entity.values();
        Random random = new Random(7);
        for (int mask = 1; mask < 1 << all.length; mask++) {
            List<Entity> expected = new ArrayList<>();
            for (int i = 0; i < all.length; i++) {
                if ((mask & 1 << i) != 0) {
                    expected.add(all[i]);
                }
            }
            List<String> names =
                    new ArrayList<>(expected.stream().map(Entity::wireName).toList());
            names.add(names.get(random.nextInt(names.size())));
            Collections.shuffle(names, random);

            EntitySelection selection = EntitySelection.parse(String.join(",", names));

            assertThat(selection.ordered()).as("subset %s", names).containsExactlyElementsOf(expected);
            assertThat(selection.canonical())
                    .as("subset %s", names)
                    .isEqualTo(String.join(
                            ",", expected.stream().map(Entity::wireName).toList()));
        }
    }
}
