/** Pure Dataset-to-Dataset functions: flattening, joining, PII removal, validation and the split. */
package com.example.credit.etl.transform;
