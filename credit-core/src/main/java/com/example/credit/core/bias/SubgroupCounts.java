package com.example.credit.core.bias;

/**
 * One group of the group variable (for example {@code credit__purpose=car_new}) as the conditional demographic
 * disparity counts it, on observed labels (CDDL) or on predicted labels (CDDPL).
 *
 * @param rows the group's rows ({@code n_i})
 * @param favourable of them, favourable outcomes ({@code n_i(1)})
 * @param favourableInFacet favourable outcomes of facet members ({@code n_i,d(1)})
 * @param unfavourableInFacet unfavourable outcomes of facet members ({@code n_i,d(0)})
 */
record SubgroupCounts(long rows, long favourable, long favourableInFacet, long unfavourableInFacet) {

    long unfavourable() {
        return rows - favourable;
    }
}
