"""A module app made only for the tests: it plugs a metric of its own (nights stayed, in 박)
into the registry from its own files, with no edit under dure/programs/."""
