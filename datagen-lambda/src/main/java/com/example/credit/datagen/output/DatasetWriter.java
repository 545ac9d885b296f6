package com.example.credit.datagen.output;

import com.example.credit.datagen.OutputException;
import com.example.credit.datagen.generate.GenerationRequest;
import com.example.credit.datagen.model.Applicant;
import com.example.credit.datagen.model.Contact;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.function.LongFunction;

/**
 * Streams applicants into the three raw datasets of a target: each row is produced, encoded and handed to the
 * target's streams before the next one is made, so memory does not grow with n. The manifest is committed
 * only after every file is complete; any failure aborts the target, so nothing half-written is ever published.
 */
public final class DatasetWriter {

    private static final int BUFFER_CHARS = 1 << 16;

    private DatasetWriter() {}

    /**
     * Writes rows 0..n-1 of the request.
     *
     * @param rows the applicant at each row index (called once per index, in order)
     * @return the committed manifest
     * @throws OutputException when writing fails; the target has been aborted
     */
    public static Manifest write(
            GenerationRequest request, LongFunction<Applicant> rows, DatasetTarget target, ProgressReporter progress) {
        boolean committed = false;
        try {
            Writer credits = open(target, DatasetLayout.CREDITS);
            Writer people = open(target, DatasetLayout.PEOPLE);
            Writer contacts = open(target, DatasetLayout.CONTACTS);
            credits.write(CsvRows.CREDITS_HEADER + '\n');
            contacts.write(CsvRows.CONTACTS_HEADER + '\n');
            progress.started(request.n() + " " + request.mode().wireName() + " applicants (seed " + request.seed()
                    + ") to " + target.location());
            long contactRows = 0;
            for (long index = 0; index < request.n(); index++) {
                Applicant applicant = rows.apply(index);
                credits.write(CsvRows.credit(applicant.credit()));
                credits.write('\n');
                PeopleJson.writeLine(applicant.person(), people);
                for (Contact contact : applicant.contacts()) {
                    contacts.write(CsvRows.contact(contact));
                    contacts.write('\n');
                }
                contactRows += applicant.contacts().size();
                progress.rowWritten(index + 1, request.n());
            }
            // Closing finishes each file (an S3 upload completes here); only then may the manifest follow.
            credits.close();
            people.close();
            contacts.close();
            Manifest manifest = new Manifest(Manifest.FORMAT_VERSION, request, request.n(), request.n(), contactRows);
            target.commit(manifest.toJson());
            committed = true;
            progress.finished(manifest, target.location());
            return manifest;
        } catch (IOException | UncheckedIOException e) {
            throw new OutputException("writing the dataset to " + target.location() + " failed: " + e.getMessage(), e);
        } finally {
            if (!committed) {
                target.abort();
            }
        }
    }

    private static Writer open(DatasetTarget target, String path) {
        return new BufferedWriter(new OutputStreamWriter(target.create(path), StandardCharsets.UTF_8), BUFFER_CHARS);
    }
}
