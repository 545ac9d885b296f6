/** The ETL stack: the Glue database, the Glue 5.0 Spark job around the ETL jar and its workflow. */
package com.example.credit.infra.etl;
