/**
 * The folder layouts through which the stages meet: {@link com.example.credit.core.layout.PreparedLayout}, what
 * the ETL writes and training, batch, the pipeline and the benchmarks read.
 */
package com.example.credit.core.layout;
