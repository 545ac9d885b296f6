package com.example.credit.etl.transform;

/** The JSON type of a checked value. */
public enum ValueType {
    STRING,
    INTEGER,
    BOOLEAN
}
