/** Generation of the raw credits, people and contacts datasets from the Statlog German Credit data. */
package com.example.credit.datagen;
