Press articles and parliamentary questions as Plone 6.2 content in a press section (foundation). @imio
