/** The Spark job that turns the raw credit datasets into the prepared training datasets. */
package com.example.credit.etl;
