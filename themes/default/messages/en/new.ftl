# The starter guide `trellis new DIR --language xx` writes: text for the
# author to replace, in the guide's language. Worksheet block ids and file
# names stay as they are (they are not shown to readers).

new-guide-title = My Guide
new-guide-description = A step-by-step guide made with trellis.
new-home-summary = What this guide is for, in one sentence.
new-home-text = Welcome. This guide has two steps. Read a step, then fill in its worksheet.
new-step-one-title = Get started
new-step-one-summary = The first step.
new-step-one-heading = What to do
new-step-one-text = Write what this step asks of the reader here.
new-step-one-link = When you are ready, open { $link }.
new-step-one-link-text = the first worksheet
new-step-two-title = Keep going
new-step-two-summary = The second step.
new-step-two-heading = What to do next
new-step-two-text = Steps are ordered by the number at the start of their file name.
new-step-two-link = Go back to { $link } at any time.
new-step-two-link-text = step 1
new-worksheet-title = First worksheet
new-worksheet-summary = Fill it in on screen or print it.
new-worksheet-text = Answers typed here stay in this browser on this device.
new-worksheet-date = Date
new-worksheet-thoughts = What is on your mind as you start?
new-worksheet-low = Not at all
new-worksheet-high = Completely
new-worksheet-ready = How ready do you feel?
new-worksheet-task-read = Read step 1
new-worksheet-task-talk = Talk it over
