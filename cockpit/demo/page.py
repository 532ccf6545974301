"""A whole Upwork job page as a browser copies it (select all, copy), for the paste
dialog in the screenshots and the docs. Written for Cockpit, not copied from the web."""

PAGE = """Skip to main content
Find Work
Mix and master a 6-track indie EP
Posted 2 hours ago
Worldwide
We need a warm, punchy mix for six songs recorded at home. Stems are ready.
$25.00
-
$40.00
Hourly
Intermediate
Experience level
Less than 1 month
Project length
Skills and Expertise
Mixing
Mastering
Audio Production
Activity on this job
Proposals:
5 to 10
Interviewing:
0
Invites sent:
1
Send a proposal for: 12 Connects
Available Connects: 40
About the client
Payment method verified
Rating is 4.8 out of 5.
4.8 of 12 reviews
United States
Austin 9:15 AM
31 jobs posted
74% hire rate, 2 open jobs
$18K total spent
29 hires, 4 active
Member since Jun 4, 2018
"""
