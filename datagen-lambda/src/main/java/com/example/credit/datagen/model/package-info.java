/** The rows of the three raw datasets (credits, people, contacts) as immutable records. */
package com.example.credit.datagen.model;
