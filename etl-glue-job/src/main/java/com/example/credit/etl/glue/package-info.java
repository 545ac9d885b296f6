/** The AWS Glue 5.0 entry point, which reads Glue job arguments without the Glue libraries. */
package com.example.credit.etl.glue;
