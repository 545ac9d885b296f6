package com.example.credit.datagen;

import com.example.credit.datagen.generate.ApplicantGenerator;
import com.example.credit.datagen.generate.GenerationRequest;
import com.example.credit.datagen.output.DatasetTarget;
import com.example.credit.datagen.output.DatasetWriter;
import com.example.credit.datagen.output.Manifest;
import com.example.credit.datagen.output.ProgressReporter;
import com.example.credit.datagen.statlog.StatlogDataset;
import java.util.function.Consumer;

/** The one operation both entry points share: generate a request's applicants and stream them to a target. */
public final class Datagen {

    private Datagen() {}

    /**
     * Generates and writes the datasets, reporting progress to the log. On any failure the target is aborted.
     *
     * @return the committed manifest
     */
    public static Manifest run(GenerationRequest request, DatasetTarget target, Consumer<String> log) {
        ApplicantGenerator generator;
        try {
            generator = new ApplicantGenerator(request, Statlog.DATA);
        } catch (RuntimeException e) {
            // The target already staged a folder or checked a prefix: leave nothing behind.
            target.abort();
            throw e;
        }
        return DatasetWriter.write(request, generator::applicant, target, ProgressReporter.every10Seconds(log));
    }

    // Decoded once per JVM (and so once per warm Lambda container), on first use.
    private static final class Statlog {
        static final StatlogDataset DATA = StatlogDataset.load();
    }
}
