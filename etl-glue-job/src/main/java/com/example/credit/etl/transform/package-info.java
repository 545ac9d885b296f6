/**
 * Pure Dataset-to-Dataset functions: flattening, joining, PII removal, validation (feature rules from credit-core's
 * FeatureCatalog) and the split.
 */
package com.example.credit.etl.transform;
