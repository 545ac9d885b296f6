/** The JSON Schemas of a credit application and its label, the feature catalogue read from them, validation and encoding. */
package com.example.credit.core.schema;
