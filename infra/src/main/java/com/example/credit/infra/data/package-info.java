/** The data stack: the encrypted, SSL-only data bucket and the datagen Lambda that fills its raw prefix. */
package com.example.credit.infra.data;
