/** The shared library of the suite: schema, application records, feature encoding, model reading and TreeSHAP. */
package com.example.credit.core;
