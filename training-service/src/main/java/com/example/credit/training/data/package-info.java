/** Reads the prepared channels: schema check, JSON Lines parsing, validation, encoding and the row-id join. */
package com.example.credit.training.data;
