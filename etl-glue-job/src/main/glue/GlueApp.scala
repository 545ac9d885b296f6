// Thin AWS Glue 5.0 script (job language "scala", --class GlueApp): the job itself lives in the
// etl-glue-job jar passed with --extra-jars; this only hands Glue's arguments over.
object GlueApp {
  def main(args: Array[String]): Unit = com.example.credit.etl.glue.GlueEntry.main(args)
}
