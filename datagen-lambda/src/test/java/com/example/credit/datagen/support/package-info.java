/** Test support: reading raw datasets back and checking them against their schemas. */
package com.example.credit.datagen.support;
