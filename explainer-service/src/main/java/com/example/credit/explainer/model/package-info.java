/** Loading and checking the model directory (model.txt, model.json, schemas) once at start. */
package com.example.credit.explainer.model;
