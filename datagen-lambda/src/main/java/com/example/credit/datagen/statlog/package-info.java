/** The bundled Statlog German Credit data: loading, and the documented mapping of its attribute codes. */
package com.example.credit.datagen.statlog;
