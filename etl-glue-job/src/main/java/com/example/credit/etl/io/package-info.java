/** Reading the raw layout and publishing the prepared layout, locally or on S3 through s3a. */
package com.example.credit.etl.io;
