package com.example.credit.datagen.generate;

import com.example.credit.datagen.statlog.StatlogDataset;
import com.example.credit.datagen.statlog.StatlogDataset.Range;
import com.example.credit.datagen.statlog.StatlogRecord;
import java.util.SplittableRandom;

/**
 * Moves the numbers of a sampled Statlog record a little, inside the range observed in the data, and keeps
 * every code and the class. The moves are small (amount ±15 %, duration ±10 %, age ±2 years, residence ±1
 * in a quarter of the rows) so that the relation between the attributes and the label survives.
 */
final class Perturbation {

    private final Range amounts;
    private final Range durations;
    private final Range ages;
    private final Range residences;

    Perturbation(StatlogDataset data) {
        this.amounts = data.observed(StatlogRecord::amount);
        this.durations = data.observed(StatlogRecord::durationMonths);
        this.ages = data.observed(StatlogRecord::age);
        this.residences = data.observed(StatlogRecord::residenceYears);
    }

    StatlogRecord apply(StatlogRecord record, SplittableRandom random) {
        int amount = amounts.clamp((int) Math.round(record.amount() * random.nextDouble(0.85, 1.15)));
        int duration = durations.clamp((int) Math.round(record.durationMonths() * random.nextDouble(0.9, 1.1)));
        int age = ages.clamp(record.age() + random.nextInt(-2, 3));
        int residence = record.residenceYears();
        if (random.nextInt(4) == 0) {
            residence = residences.clamp(residence + (random.nextBoolean() ? 1 : -1));
        }
        return record.withNumbers(duration, amount, residence, age);
    }
}
