/** Streaming the raw datasets to a local folder or to S3 so that readers only ever see complete datasets. */
package com.example.credit.datagen.output;
