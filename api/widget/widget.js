// Dialogstöd chat widget: built in issue 5.
