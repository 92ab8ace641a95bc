"""The shared parts of a record-keeping app: a dated program record (`models.ProgramRecord`), its
form and filter, its services, the helpers its metrics are declared with, the import of its rows
and its screens (`views.RecordScreens`). An app declares its record types and gets the list, page,
form, deletion and import of each without writing them again."""
