/** Wire formats shared by the services: one CSV row of a {@code text/csv} record. */
package com.example.credit.core.format;
