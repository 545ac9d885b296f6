/** The shared library of the suite: schema, feature encoding, model manifest, model reading and TreeSHAP. */
package com.example.credit.core;
