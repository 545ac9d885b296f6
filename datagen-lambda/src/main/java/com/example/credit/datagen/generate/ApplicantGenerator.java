package com.example.credit.datagen.generate;

import com.example.credit.datagen.model.Applicant;
import com.example.credit.datagen.statlog.StatlogDataset;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Produces the applicant at any row index of a request, as a pure function of (mode, seed, index): statlog
 * mode dresses the Statlog row at that index; synthetic mode samples a Statlog row and perturbs its numbers.
 * Nothing is kept between rows, so a writer can stream any number of them.
 *
 * <p>Not thread-safe (it owns one {@link ApplicantFactory}); use one generator per thread.
 */
public final class ApplicantGenerator {

    private final GenerationRequest request;
    private final StatlogDataset data;
    private final Perturbation perturbation;
    private final ApplicantFactory factory = new ApplicantFactory();

    public ApplicantGenerator(GenerationRequest request, StatlogDataset data) {
        this.request = Objects.requireNonNull(request, "request");
        this.data = Objects.requireNonNull(data, "data");
        if (request.mode() == Mode.STATLOG && request.n() != data.size()) {
            throw new IllegalArgumentException(
                    "statlog mode needs n equal to the " + data.size() + " Statlog rows, got " + request.n());
        }
        this.perturbation = new Perturbation(data);
    }

    /** The request this generator serves. */
    public GenerationRequest request() {
        return request;
    }

    /**
     * The applicant at a row index.
     *
     * @param index 0-based, below the request's n
     */
    public Applicant applicant(long index) {
        if (index < 0 || index >= request.n()) {
            throw new IndexOutOfBoundsException("row index " + index + " must be within 0.." + (request.n() - 1));
        }
        SplittableRandom random = RowSeeds.forRow(request.seed(), index);
        if (request.mode() == Mode.STATLOG) {
            return factory.create(data.get((int) index), 0, random);
        }
        int source = random.nextInt(data.size());
        return factory.create(perturbation.apply(data.get(source), random), source + 1, random);
    }
}
