/** Reads LightGBM text models (model.txt) into immutable records and a flattened forest that predicts exactly like LightGBM. */
package com.example.credit.core.model;
