"""Files the platform writes for people to open in their own programs: the one .xlsx writer
(`xlsx`) that every spreadsheet download goes through, and how formula-like text is kept
text in them (`formulas`)."""
