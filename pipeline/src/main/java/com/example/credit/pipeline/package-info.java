/** The local main job: chains data generation, the Spark ETL and training on embedded defaults. */
package com.example.credit.pipeline;
