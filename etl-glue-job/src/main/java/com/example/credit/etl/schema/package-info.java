/** The feature rules of credit-core's data schema, as the ETL checks them. */
package com.example.credit.etl.schema;
