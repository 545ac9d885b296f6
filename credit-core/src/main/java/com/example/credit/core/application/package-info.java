/** Typed records of a credit application and its parts, convertible to and from the schema's feature map. */
package com.example.credit.core.application;
