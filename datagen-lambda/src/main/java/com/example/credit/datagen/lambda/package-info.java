/** The AWS Lambda entry point: an event in, datasets on S3, a summary with the seed used out. */
package com.example.credit.datagen.lambda;
